import { useEffect, useState } from 'react';

/**
 * A form's draft of what the API answered: made from the first answer, then the user's own
 * (a refetch does not overwrite what is being typed); `set(null)` starts again from the answer.
 */
export function useDraft<Answer, Draft>(answer: Answer | undefined, toDraft: (answer: Answer) => Draft) {
  const [draft, setDraft] = useState<Draft | null>(null);
  useEffect(() => {
    if (answer && !draft) setDraft(toDraft(answer));
  }, [answer, draft, toDraft]);
  return [draft, setDraft] as const;
}
