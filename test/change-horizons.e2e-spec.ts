import { PartnerRepository } from '@app/persistence';
import { MatchInputsService, PartnerProfilesMirror } from '@app/suggestions';
import { Client } from 'pg';
import { createPartner, partnerBody } from './support/partner-fixtures';
import { startTestApp, type TestApp } from './support/test-app';

/**
 * What a repair reads instead of every partner and pair: the rows written since its last read,
 * found by the writing transaction's id (`changed_xid`) against that read's horizon. On
 * PostgreSQL, with transactions that overlap the reads.
 */
describe('change horizons: partners and pairs written since the last read (PostgreSQL)', () => {
  let api: TestApp;
  let db: Client;
  let other: Client;
  let partners: PartnerRepository;
  let inputs: MatchInputsService;
  const ids: string[] = [];

  beforeAll(async () => {
    api = await startTestApp('change_horizons');
    partners = api.app.get(PartnerRepository);
    inputs = api.app.get(MatchInputsService);
    db = new Client({ connectionString: api.database.url });
    other = new Client({ connectionString: api.database.url });
    await Promise.all([db.connect(), other.connect()]);
    for (const name of ['Basisschool De Regenboog', 'Voedselbank Utrecht', 'Supermarkt Utrecht', 'Gemeente Utrecht']) ids.push((await createPartner(api, partnerBody({ name, website: undefined, contactEmail: undefined }))).id);
  }, 60_000);

  afterAll(async () => {
    await other?.end();
    await db?.end();
    await api?.close();
  });

  const opgaven = (profiles: { opgaven: string[] }[]) => profiles.map((profile) => profile.opgaven.join());

  it('reads every partner first, then only what changed what matching reads, new partners and deleted ones', async () => {
    const mirror = new PartnerProfilesMirror();
    expect((await mirror.catchUp(partners)).changed.map((profile) => profile.id).sort()).toEqual([...ids].sort());
    expect(await mirror.catchUp(partners)).toEqual({ changed: [], removedIds: [] });

    await db.query(`UPDATE partner SET opgaven = '{schulden}' WHERE id = $1`, [ids[0]]);
    await db.query(`UPDATE partner SET description = 'Een andere tekst' WHERE id = $1`, [ids[1]]);
    const changes = await mirror.catchUp(partners);
    expect(changes.changed.map((profile) => profile.id)).toEqual([ids[0]]);
    expect(opgaven(changes.changed)).toEqual(['schulden']);
    expect(mirror.profiles.get(ids[0])!.opgaven).toEqual(['schulden']);

    const added = await createPartner(api, partnerBody({ name: 'Jeugdgezondheidszorg Utrecht', sector: 'jeugdgezondheidszorg', website: undefined, contactEmail: undefined }));
    await db.query(`DELETE FROM partner WHERE id = $1`, [ids[3]]);
    const next = await mirror.catchUp(partners);
    expect(next.changed.map((profile) => profile.id)).toEqual([added.id]);
    expect(next.removedIds).toEqual([ids[3]]);
    expect([...mirror.profiles.keys()].sort()).toEqual([ids[0], ids[1], ids[2], added.id].sort());
    ids.splice(3, 1, added.id);
  });

  it('misses no change of a transaction that began before a read and committed after it', async () => {
    const mirror = new PartnerProfilesMirror();
    await mirror.catchUp(partners);
    // A later transaction commits first: its id is above the one still open, which the horizon stays at.
    await other.query('BEGIN');
    await other.query(`UPDATE partner SET opgaven = '{gezond-opgroeien}' WHERE id = $1`, [ids[2]]);
    await db.query(`UPDATE partner SET opgaven = '{kansengelijkheid-onderwijs}' WHERE id = $1`, [ids[1]]);
    expect(opgaven((await mirror.catchUp(partners)).changed)).toEqual(['kansengelijkheid-onderwijs']);
    await other.query('COMMIT');
    const late = await mirror.catchUp(partners);
    expect(late.changed.map((profile) => profile.id)).toEqual([ids[2]]);
    expect(opgaven(late.changed)).toEqual(['gezond-opgroeien']);
    expect(await mirror.catchUp(partners)).toEqual({ changed: [], removedIds: [] });

    // So too a deletion, which leaves a row naming its transaction (`row_deletion`), no partner to find.
    const leaving = await createPartner(api, partnerBody({ name: 'Bibliotheek Utrecht', website: undefined, contactEmail: undefined }));
    expect((await mirror.catchUp(partners)).changed.map((profile) => profile.id)).toEqual([leaving.id]);
    await other.query('BEGIN');
    await other.query(`DELETE FROM partner WHERE id = $1`, [leaving.id]);
    await db.query(`UPDATE partner SET opgaven = '{schulden}' WHERE id = $1`, [ids[1]]);
    expect(await mirror.catchUp(partners)).toMatchObject({ removedIds: [] });
    await other.query('COMMIT');
    expect(await mirror.catchUp(partners)).toEqual({ changed: [], removedIds: [leaving.id] });
    expect(mirror.profiles.has(leaving.id)).toBe(false);
    expect(await mirror.catchUp(partners)).toEqual({ changed: [], removedIds: [] });
  });

  it('tells the never-suggested pairs unchanged, also after a note, and changed by a connection, a deletion or a rejection', async () => {
    const [a, b] = [ids[0], ids[1]].sort();
    const [c, d] = [ids[2], ids[3]].sort();
    let version = await inputs.pairsVersion();
    const still = async () => {
      const moved = await inputs.pairsStillAt(version);
      if (moved) version = moved;
      return moved !== null;
    };
    expect(await still()).toBe(true);

    await db.query(`INSERT INTO connection (partner_a_id, partner_b_id) VALUES ($1, $2)`, [a, b]);
    expect(await still()).toBe(false);
    version = await inputs.pairsVersion();
    // Written, yet the same pairs: the digest says so.
    await db.query(`UPDATE connection SET note = 'Samen het schoolontbijt' WHERE partner_a_id = $1`, [a]);
    expect(await still()).toBe(true);
    expect(await still()).toBe(true);

    // One pair gone and another come in one transaction: the same count.
    await db.query('BEGIN');
    await db.query(`DELETE FROM connection WHERE partner_a_id = $1`, [a]);
    await db.query(`INSERT INTO connection (partner_a_id, partner_b_id) VALUES ($1, $2)`, [c, d]);
    await db.query('COMMIT');
    expect(await still()).toBe(false);
    version = await inputs.pairsVersion();
    await db.query(`DELETE FROM connection`);
    expect(await still()).toBe(false);
    version = await inputs.pairsVersion();
    await db.query(`INSERT INTO connection (partner_a_id, partner_b_id) VALUES ($1, $2)`, [c, d]);
    version = await inputs.pairsVersion();
    await db.query(`TRUNCATE connection`);
    expect(await still()).toBe(false);
    version = await inputs.pairsVersion();

    // A pending match is no matter; its rejection is.
    await db.query(`INSERT INTO match (partner_a_id, partner_b_id, purpose, status) VALUES ($1, $2, 'samenwerken', 'pending')`, [a, b]);
    expect(await still()).toBe(true);
    await db.query(`UPDATE match SET status = 'rejected' WHERE partner_a_id = $1 AND partner_b_id = $2`, [a, b]);
    expect(await still()).toBe(false);
    version = await inputs.pairsVersion();
    await db.query(`UPDATE match SET status = 'pending' WHERE partner_a_id = $1 AND partner_b_id = $2`, [a, b]);
    expect(await still()).toBe(false);
  });

  // Last: it empties the tables.
  it('after a TRUNCATE, which names no partner, asks which of the known partners are left', async () => {
    const mirror = new PartnerProfilesMirror();
    await mirror.catchUp(partners);
    expect(mirror.size).toBeGreaterThan(0);
    const known = [...mirror.profiles.keys()].sort();
    await db.query(`TRUNCATE partner CASCADE`);
    expect((await mirror.catchUp(partners)).removedIds.sort()).toEqual(known);
    expect(mirror.size).toBe(0);
  });
});
