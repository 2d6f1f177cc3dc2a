import type { AnyComponentKey } from '../api/profile';

interface Part {
  key: AnyComponentKey;
  label: string;
  points: number;
}

/** A stacked bar of the score's parts (out of 100); the text beside it carries the same numbers. */
export function ScoreBar({ parts, label }: { parts: Part[]; label: string }) {
  return (
    <div className="pm-scorebar" role="img" aria-label={label}>
      {parts
        .filter((part) => part.points > 0)
        .map((part) => (
          <span key={part.key} className={`pm-scorebar__part pm-component-${part.key}`} style={{ width: `${part.points}%` }} title={`${part.label}: ${part.points}`} />
        ))}
    </div>
  );
}
