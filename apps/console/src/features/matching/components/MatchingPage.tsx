import { useState, type FormEvent } from 'react';
import { useDraft } from './use-draft';
import { useSearchParams } from 'react-router';
import { COMPONENT_KEYS } from '../../../api/profile';
import { fieldErrors } from '../../../api/errors';
import { useTaxonomy } from '../../../api/taxonomy';
import { useDocumentTitle, useI18n } from '../../../i18n/i18n';
import { ProfileProblem } from './ProfileProblem';
import { StatusBadge } from '../../../ui/Badge';
import { Button } from '../../../ui/Button';
import { Textbox } from '../../../ui/Controls';
import { Field } from '../../../ui/Field';
import { Link } from '../../../ui/Link';
import { LiveRegion } from '../../../ui/LiveRegion';
import { Empty, ErrorState, Loading } from '../../../ui/States';
import { Table, TBody, Td, Th, THead, Tr } from '../../../ui/Table';
import { Heading1, Heading2, Paragraph } from '../../../ui/Typography';
import { usePreview, useProfile, useRuns, useSave, useVersions, type Profile, type Purpose, type Run, type Settings } from '../api/matching';
import { KennisdelenProfileForm } from './KennisdelenProfileForm';
import { RunProgress } from './RunProgress';
import { SuggestedWeights } from './SuggestedWeights';

const REQUIRED_SCALARS = ['regionHalfDistanceKm', 'k', 'diversity', 'nationalReach', 'regionalReach', 'leefdomeinenCoverage'] as const;
/** Fair-exposure counts: left empty they are off (null), so a save never drops one set through the API. */
const OPTIONAL_COUNTS = ['maxTopPlaces', 'maxOpenIntroductions'] as const;
const SCALARS = [...REQUIRED_SCALARS, ...OPTIONAL_COUNTS] as const;
type Scalar = (typeof SCALARS)[number];
const isOptionalCount = (key: Scalar): key is (typeof OPTIONAL_COUNTS)[number] => (OPTIONAL_COUNTS as readonly string[]).includes(key);
/** Form values stay text while typing; numbers are parsed when sent. */
interface Draft {
  weights: Record<string, string>;
  affinity: Record<string, Record<string, string>>;
  scalars: Record<Scalar, string>;
  note: string;
}

function toDraft(profile: Profile): Draft {
  return {
    weights: Object.fromEntries(COMPONENT_KEYS.map((key) => [key, String(profile.weights[key])])),
    affinity: Object.fromEntries(Object.entries(profile.sectorAffinity).map(([row, cols]) => [row, Object.fromEntries(Object.entries(cols as Record<string, number>).map(([col, value]) => [col, String(value)]))])),
    scalars: Object.fromEntries(SCALARS.map((key) => [key, profile[key] == null ? '' : String(profile[key])])) as Record<Scalar, string>,
    note: '',
  };
}

function toSettings(draft: Draft): Settings {
  const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.replace(',', '.')));
  return {
    weights: Object.fromEntries(COMPONENT_KEYS.map((key) => [key, num(draft.weights[key] ?? '')])) as Settings['weights'],
    sectorAffinity: Object.fromEntries(Object.entries(draft.affinity).map(([row, cols]) => [row, Object.fromEntries(Object.entries(cols).map(([col, value]) => [col, num(value)]))])),
    regionHalfDistanceKm: num(draft.scalars.regionHalfDistanceKm),
    k: num(draft.scalars.k),
    diversity: num(draft.scalars.diversity),
    nationalReach: num(draft.scalars.nationalReach),
    regionalReach: num(draft.scalars.regionalReach),
    leefdomeinenCoverage: num(draft.scalars.leefdomeinenCoverage),
    maxTopPlaces: draft.scalars.maxTopPlaces.trim() === '' ? null : num(draft.scalars.maxTopPlaces),
    maxOpenIntroductions: draft.scalars.maxOpenIntroductions.trim() === '' ? null : num(draft.scalars.maxOpenIntroductions),
  };
}

function Preview({ result }: { result: NonNullable<ReturnType<typeof usePreview>['data']> }) {
  const { t, number, percent } = useI18n();
  const shifts = (title: string, rows: typeof result.gainers) => (
    <div>
      <Heading2>{title}</Heading2>
      {rows.length === 0 ? (
        <Paragraph className="pm-muted">{t('matching.none')}</Paragraph>
      ) : (
        <Table caption={t('matching.shiftCaption')}>
          <THead>
            <Tr>
              <Th scope="col">{t('partners.name')}</Th>
              <Th scope="col" numeric>
                {t('matching.before')}
              </Th>
              <Th scope="col" numeric>
                {t('matching.after')}
              </Th>
              <Th scope="col" numeric>
                {t('matching.change')}
              </Th>
            </Tr>
          </THead>
          <TBody>
            {rows.map((row) => (
              <Tr key={row.partner.id}>
                <Th scope="row">
                  <Link to={`/partners/${row.partner.slug}`}>{row.partner.name}</Link>
                </Th>
                <Td numeric>{number(row.before)}</Td>
                <Td numeric>{number(row.after)}</Td>
                <Td numeric>{(row.change > 0 ? '+' : '') + number(row.change)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </div>
  );
  return (
    <section className="pm-card pm-section" aria-labelledby="preview-heading">
      <Heading2 id="preview-heading">{t('matching.previewTitle')}</Heading2>
      <dl className="pm-stats">
        <div>
          <dt>{t('matching.changedLists')}</dt>
          <dd data-testid="changed-lists">
            {number(result.changedLists)} / {number(result.partnersCompared)}
          </dd>
        </div>
        <div>
          <dt>{t('matching.overlap')}</dt>
          <dd>{result.meanOverlapAt10 === null ? "—" : percent(result.meanOverlapAt10)}</dd>
        </div>
      </dl>
      <div className="pm-two-columns">
        {shifts(t('matching.gainers'), result.gainers)}
        {shifts(t('matching.losers'), result.losers)}
      </div>
    </section>
  );
}

function History({ purpose }: { purpose: Purpose }) {
  const { t, number, dateTime } = useI18n();
  const versions = useVersions(purpose);
  const runs = useRuns();
  return (
    <div className="pm-two-columns">
      <section className="pm-card pm-section" aria-labelledby="versions-heading">
        <Heading2 id="versions-heading">{t('matching.versions')}</Heading2>
        {versions.isPending ? (
          <Loading />
        ) : versions.isError ? (
          <ErrorState error={versions.error} />
        ) : versions.data.items.length === 0 ? (
          <Empty>{t('matching.noVersions')}</Empty>
        ) : (
          <Table caption={t('matching.versionsCaption')}>
            <THead>
              <Tr>
                <Th scope="col" numeric>
                  {t('matching.version')}
                </Th>
                <Th scope="col">{t('matching.created')}</Th>
                <Th scope="col">{t('matching.noteColumn')}</Th>
              </Tr>
            </THead>
            <TBody>
              {versions.data.items.map((version) => (
                <Tr key={version.version}>
                  <Td numeric>{version.version}</Td>
                  <Td>{dateTime(version.createdAt)}</Td>
                  <Td>{version.note ?? '—'}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>
      <section className="pm-card pm-section" aria-labelledby="runs-heading">
        <Heading2 id="runs-heading">{t('matching.runs')}</Heading2>
        {runs.isPending ? (
          <Loading />
        ) : runs.isError ? (
          <ErrorState error={runs.error} />
        ) : runs.data.items.length === 0 ? (
          <Empty>{t('matching.noRuns')}</Empty>
        ) : (
          <Table caption={t('matching.runsCaption')} stackOnNarrow>
            <THead>
              <Tr>
                <Th scope="col">{t('matching.requested')}</Th>
                <Th scope="col">{t('filter.status')}</Th>
                <Th scope="col">{t('matching.trigger')}</Th>
                <Th scope="col" numeric>
                  {t('matching.version')}
                </Th>
                <Th scope="col" numeric>
                  {t('matching.duration')}
                </Th>
              </Tr>
            </THead>
            <TBody>
              {runs.data.items.map((run: Run) => (
                <Tr key={run.id} data-run-id={run.id}>
                  <Td label={t('matching.requested')}>{dateTime(run.requestedAt)}</Td>
                  <Td label={t('filter.status')}>
                    <StatusBadge tone={run.status === 'completed' ? 'success' : run.status === 'failed' ? 'danger' : 'active'}>{t(`run.${run.status}` as const)}</StatusBadge>
                  </Td>
                  <Td label={t('matching.trigger')}>{t(`trigger.${run.trigger}` as const)}</Td>
                  <Td numeric label={t('matching.version')}>{(purpose === 'kennisdelen' ? run.kennisdelenProfileVersion : run.profileVersion) ?? '—'}</Td>
                  <Td numeric label={t('matching.duration')}>{run.durationSeconds === null ? '—' : `${number(run.durationSeconds, 1)} s`}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>
    </div>
  );
}

const PURPOSES: { purpose: Purpose; label: 'matching.purposeSamenwerken' | 'matching.purposeKennisdelen' }[] = [
  { purpose: 'samenwerken', label: 'matching.purposeSamenwerken' },
  { purpose: 'kennisdelen', label: 'matching.purposeKennisdelen' },
];

/** Which purpose's profile the page shows, kept in the URL (`?purpose=kennisdelen`). */
function PurposeSwitch({ purpose, onChange }: { purpose: Purpose; onChange: (purpose: Purpose) => void }) {
  const { t } = useI18n();
  return (
    <div className="pm-section" role="group" aria-labelledby="purpose-label">
      <Paragraph id="purpose-label">
        <strong>{t('matching.purposeLabel')}</strong>
      </Paragraph>
      <div className="utrecht-button-group">
        {PURPOSES.map((option) => (
          <Button
            key={option.purpose}
            type="button"
            appearance={option.purpose === purpose ? 'primary-action-button' : 'secondary-action-button'}
            aria-pressed={option.purpose === purpose}
            onClick={() => onChange(option.purpose)}
          >
            {t(option.label)}
          </Button>
        ))}
      </div>
    </div>
  );
}

export function MatchingPage() {
  const { t } = useI18n();
  useDocumentTitle(t('matching.title'));
  const [params, setParams] = useSearchParams();
  const purpose: Purpose = params.get('purpose') === 'kennisdelen' ? 'kennisdelen' : 'samenwerken';
  const choose = (next: Purpose) =>
    setParams(
      (current: URLSearchParams) => {
        const updated = new URLSearchParams(current);
        if (next === 'samenwerken') updated.delete('purpose');
        else updated.set('purpose', next);
        return updated;
      },
      { replace: true },
    );
  return (
    <>
      <Heading1>{t('matching.title')}</Heading1>
      <PurposeSwitch purpose={purpose} onChange={choose} />
      {purpose === 'kennisdelen' ? <KennisdelenProfileForm /> : <SamenwerkenProfile />}
      <History purpose={purpose} />
    </>
  );
}

/** The samenwerken profile: its form, the what-if preview and the suggested weights. */
function SamenwerkenProfile() {
  const { t, lang, number } = useI18n();
  const profile = useProfile();
  const taxonomy = useTaxonomy().data;
  const preview = usePreview();
  const save = useSave();
  const [draft, setDraft] = useDraft(profile.data, toDraft);
  const [runId, setRunId] = useState<string | undefined>();
  const [message, setMessage] = useState('');

  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ErrorState error={profile.error} forbidden={t('matching.forbidden')} />;
  if (!draft || !profile.data) return <Loading />;

  const failure = save.error ?? preview.error;
  const errors = failure ? fieldErrors(failure) : {};
  const sectors = taxonomy?.sectors ?? [];
  const weightSum = COMPONENT_KEYS.reduce((sum, key) => sum + (Number(draft.weights[key]) || 0), 0);
  const setWeight = (key: string, value: string) => setDraft({ ...draft, weights: { ...draft.weights, [key]: value } });
  const setScalar = (key: Scalar, value: string) => setDraft({ ...draft, scalars: { ...draft.scalars, [key]: value } });
  // The matrix is symmetric: a cell and its mirror change together.
  const setAffinity = (row: string, col: string, value: string) => {
    const affinity = { ...draft.affinity, [row]: { ...draft.affinity[row], [col]: value }, [col]: { ...draft.affinity[col], [row]: value } };
    setDraft({ ...draft, affinity });
  };

  const previewSettings = (settings: Settings) => {
    save.reset();
    preview.mutate({ body: settings }, { onSuccess: (result) => setMessage(t('matching.previewReady', { changed: result.changedLists })) });
  };
  const saveSettings = (body: Settings & { note?: string | null; version?: number }) => {
    preview.reset();
    save.mutate(
      { body },
      {
        onSuccess: (activation) => {
          setMessage(t('matching.saved', { version: activation.profile.version }));
          if (activation.purpose === 'samenwerken') setDraft({ ...toDraft(activation.profile) });
          if (activation.run) setRunId(activation.run.id);
        },
      },
    );
  };
  const onPreview = () => previewSettings(toSettings(draft));
  const onSave = (event: FormEvent) => {
    event.preventDefault();
    saveSettings({ ...toSettings(draft), ...(draft.note.trim() ? { note: draft.note.trim() } : {}) });
  };

  const active = profile.data;

  return (
    <>
      <Paragraph lead>{t('matching.lead', { version: active.version })}</Paragraph>
      <LiveRegion message={message} />
      <form onSubmit={onSave} noValidate>
        <ProfileProblem failure={failure} />
        <section className="pm-card pm-section" aria-labelledby="weights-heading">
          <Heading2 id="weights-heading">{t('matching.weights')}</Heading2>
          <Paragraph className="pm-muted">{t('matching.weightsLead', { sum: number(weightSum, 2) })}</Paragraph>
          <div className="pm-form-grid pm-form-grid--narrow">
            {COMPONENT_KEYS.map((key) => (
              <Field key={key} label={t(`component.${key}` as const)} error={errors[`weights.${key}`]}>
                <Textbox type="number" min={0} max={1} step={0.05} inputMode="decimal" value={draft.weights[key] ?? ''} onChange={(event) => setWeight(key, event.target.value)} />
              </Field>
            ))}
          </div>
        </section>
        <section className="pm-card pm-section" aria-labelledby="scalars-heading">
          <Heading2 id="scalars-heading">{t('matching.settings')}</Heading2>
          <div className="pm-form-grid pm-form-grid--narrow">
            {SCALARS.map((key) => (
              <Field key={key} label={t(`setting.${key}` as const)} description={t(`settingHint.${key}` as const)} error={errors[key]}>
                <Textbox type="number" min={0} step={key === 'k' || key === 'regionHalfDistanceKm' || isOptionalCount(key) ? 1 : 0.05} inputMode="decimal" value={draft.scalars[key]} onChange={(event) => setScalar(key, event.target.value)} />
              </Field>
            ))}
          </div>
        </section>
        <section className="pm-card pm-section" aria-labelledby="affinity-heading">
          <Heading2 id="affinity-heading">{t('matching.affinity')}</Heading2>
          <Paragraph className="pm-muted">{t('matching.affinityLead')}</Paragraph>
          {errors['sectorAffinity'] && (
            <p className="utrecht-form-field-error-message" role="alert">
              {errors['sectorAffinity']}
            </p>
          )}
          <Table caption={t('matching.affinityCaption')} className="pm-affinity" stackOnNarrow>
            <THead>
              <Tr>
                <Td />
                {sectors.map((sector) => (
                  <Th key={sector.code} scope="col">
                    {sector[lang]}
                  </Th>
                ))}
              </Tr>
            </THead>
            <TBody>
              {sectors.map((row) => (
                <Tr key={row.code}>
                  <Th scope="row">{row[lang]}</Th>
                  {sectors.map((col) => (
                    <Td key={col.code} label={col[lang]}>
                      <input
                        className="utrecht-textbox utrecht-textbox--html-input pm-cell"
                        type="number"
                        min={0}
                        max={1}
                        step={0.05}
                        aria-label={t('matching.affinityCell', { a: row[lang], b: col[lang] })}
                        value={draft.affinity[row.code]?.[col.code] ?? ''}
                        onChange={(event) => setAffinity(row.code, col.code, event.target.value)}
                      />
                    </Td>
                  ))}
                </Tr>
              ))}
            </TBody>
          </Table>
        </section>
        <section className="pm-card pm-section" aria-labelledby="save-heading">
          <Heading2 id="save-heading">{t('matching.apply')}</Heading2>
          <Field label={t('matching.note')} error={errors['note']}>
            <Textbox value={draft.note} onChange={(event) => setDraft({ ...draft, note: event.target.value })} maxLength={2000} />
          </Field>
          <div className="utrecht-button-group">
            <Button type="button" appearance="secondary-action-button" onClick={onPreview} busy={preview.isPending}>
              {t('matching.preview')}
            </Button>
            <Button type="submit" appearance="primary-action-button" busy={save.isPending}>
              {t('matching.save')}
            </Button>
            <Button type="button" appearance="subtle-button" onClick={() => { preview.reset(); save.reset(); setDraft(toDraft(active)); }}>
              {t('matching.reset')}
            </Button>
          </div>
        </section>
      </form>
      <SuggestedWeights
        onPreview={previewSettings}
        onSave={(settings, version) => saveSettings({ ...settings, version, note: t('suggest.note') })}
        previewing={preview.isPending}
        saving={save.isPending}
      />
      {preview.isPending && <Loading label={t('matching.previewing')} />}
      {preview.data && <Preview result={preview.data} />}
      {runId && <RunProgress runId={runId} />}
    </>
  );
}
