import { Client } from 'pg';
import { BUILT_WORKER, startBuiltService, type BuiltService } from './support/built-service';
import { TEST_ADMIN_API_KEY } from './support/api-keys';
import { eventually } from './support/eventually';
import { removeQueueKeys, uniqueQueuePrefix } from './support/queue-namespace';
import { type RunningApi, serviceEnv, startApi, startWorker } from './support/running-services';
import { SmtpInbox } from './support/smtp-inbox';
import { createTestDatabase, type TestDatabase } from './support/test-database';

jest.setTimeout(90_000);

describe('send-mail through BullMQ: a worker killed in the middle of an SMTP delivery (built API and workers, real PostgreSQL, Redis, SMTP)', () => {
  const inbox = new SmtpInbox();
  const queuePrefix = uniqueQueuePrefix('mail-crash');
  let database: TestDatabase;
  let db: Client;
  let api: RunningApi | undefined;
  const workers: BuiltService[] = [];

  beforeAll(async () => {
    await inbox.start();
    database = await createTestDatabase('mail_crash');
  });

  afterAll(async () => {
    for (const worker of workers) await worker.stop();
    await api?.service.stop();
    await db?.end();
    await database.drop();
    await removeQueueKeys(queuePrefix);
    await inbox.stop();
  });

  it('leaves the claimed mail to the next worker once the claim expires, and it arrives exactly once', async () => {
    // Deliveries may take 1.5 s, so a claim lasts 3 s; a dead worker's job is handed on after about 2 s.
    const env = serviceEnv(database.url, queuePrefix, { SMTP_URL: inbox.url, MAIL_SEND_TIMEOUT_MS: '1500', QUEUE_LOCK_DURATION_MS: '1000' });
    api = await startApi(env);
    db = new Client({ connectionString: database.url });
    await db.connect();
    workers.push(await startWorker(env));
    const headers = { authorization: `Bearer ${TEST_ADMIN_API_KEY}`, 'content-type': 'application/json' };
    const created = await fetch(`${api.baseUrl}/v1/people`, { method: 'POST', headers, body: JSON.stringify({ email: 'anna@sardes.example.org', name: 'Anna', role: 'team' }) });
    expect(created.status).toBe(201);

    inbox.hold();
    const asked = await fetch(`${api.baseUrl}/v1/auth/sign-in-link`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'anna@sardes.example.org' }) });
    expect(asked.status).toBe(202);
    // The first worker has sent the whole mail and waits for the server's answer: kill it there.
    await eventually(async () => inbox.dataStarted, (started) => started === 1);
    workers[0].process.kill('SIGKILL');
    await workers[0].exited;
    inbox.forgetHeld();
    const [claimed] = (await db.query(`SELECT message_id, attempts, sent_at FROM mail_outbox`)).rows;
    expect(claimed).toMatchObject({ attempts: 1, sent_at: null });

    workers.push(startBuiltService(BUILT_WORKER, env));
    await workers[1].waitForOutput('Worker ready');
    const sent = await eventually(
      async () => (await db.query(`SELECT message_id, attempts, sent_at FROM mail_outbox`)).rows[0],
      (row) => row.sent_at !== null,
      30_000,
    );
    expect(sent.attempts).toBe(2);
    // The first worker's job, handed on as stalled, finds the mail sent and sends nothing.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(inbox.mails.filter((mail) => mail.messageId === claimed.message_id)).toHaveLength(1);
    expect(inbox.mails).toHaveLength(1);
  });
});
