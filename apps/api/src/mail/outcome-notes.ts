import { OUTCOME_ANSWERS, OUTCOME_LABELS, type OutcomeAnswer } from '@app/mail';

const PREFIX = 'Antwoord op de vervolgvraag: ';

/** The history note an answer to the first follow-up leaves on its pair. */
export function outcomeNote(answer: OutcomeAnswer): string {
  return `${PREFIX}${OUTCOME_LABELS[answer].nl}`;
}

/** The answer a history note records, or null for any other note. */
export function outcomeOfNote(note: string | null): OutcomeAnswer | null {
  if (!note?.startsWith(PREFIX)) return null;
  return OUTCOME_ANSWERS.find((answer) => outcomeNote(answer) === note) ?? null;
}
