import { $api, type Schemas } from '../../../api/client';

export type MailboxItem = Schemas['MailboxItemDto'];

export const MAILBOX_PAGE = 25;

export function useMailbox(offset: number) {
  // New mails come in while an admin waits for a sign-in link: look again every few seconds.
  return $api.useQuery('get', '/v1/dev/mailbox', { params: { query: { limit: MAILBOX_PAGE, offset } } }, { refetchInterval: 5_000, staleTime: 0, placeholderData: (previous) => previous });
}

export function useMail(id: string) {
  return $api.useQuery('get', '/v1/dev/mailbox/{id}', { params: { path: { id } } });
}
