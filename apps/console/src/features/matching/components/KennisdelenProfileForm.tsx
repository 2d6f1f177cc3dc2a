import { useState, type FormEvent } from 'react';
import { useDraft } from './use-draft';
import { fieldErrors } from '../../../api/errors';
import { useI18n } from '../../../i18n/i18n';
import { ProfileProblem } from './ProfileProblem';
import { Button } from '../../../ui/Button';
import { Textbox } from '../../../ui/Controls';
import { Field } from '../../../ui/Field';
import { LiveRegion } from '../../../ui/LiveRegion';
import { ErrorState, Loading } from '../../../ui/States';
import { Heading2, Paragraph } from '../../../ui/Typography';
import { KENNISDELEN_COMPONENT_KEYS } from '../../../api/profile';
import { useKennisdelenProfile, useSave, type KennisdelenKey, type KennisdelenProfile, type KennisdelenSettings } from '../api/matching';
import { RunProgress } from './RunProgress';

/** Form values stay text while typing; numbers are parsed when sent. */
interface Draft {
  weights: Record<KennisdelenKey, string>;
  crossSectorPeers: string;
  k: string;
  note: string;
}

function toDraft(profile: KennisdelenProfile): Draft {
  return {
    weights: Object.fromEntries(KENNISDELEN_COMPONENT_KEYS.map((key) => [key, String(profile.weights[key])])) as Record<KennisdelenKey, string>,
    crossSectorPeers: String(profile.crossSectorPeers),
    k: String(profile.k),
    note: '',
  };
}

function toSettings(draft: Draft): KennisdelenSettings {
  const num = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.replace(',', '.')));
  return {
    weights: Object.fromEntries(KENNISDELEN_COMPONENT_KEYS.map((key) => [key, num(draft.weights[key])])) as KennisdelenSettings['weights'],
    crossSectorPeers: num(draft.crossSectorPeers),
    k: num(draft.k),
    ...(draft.note.trim() ? { note: draft.note.trim() } : {}),
  };
}

/**
 * The kennisdelen profile (`?purpose=kennisdelen`), with the same fields as the samenwerken form;
 * saving makes a new version and starts a full run. No preview or suggested weights: those are samenwerken's.
 */
export function KennisdelenProfileForm() {
  const { t, number } = useI18n();
  const profile = useKennisdelenProfile();
  const save = useSave();
  const [draft, setDraft] = useDraft(profile.data, toDraft);
  const [runId, setRunId] = useState<string | undefined>();
  const [message, setMessage] = useState('');

  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ErrorState error={profile.error} forbidden={t('matching.forbidden')} />;
  if (!draft || !profile.data) return <Loading />;
  const active = profile.data;

  const failure = save.error;
  const errors = failure ? fieldErrors(failure) : {};
  const weightSum = KENNISDELEN_COMPONENT_KEYS.reduce((sum, key) => sum + (Number(draft.weights[key]) || 0), 0);
  const setWeight = (key: KennisdelenKey, value: string) => setDraft({ ...draft, weights: { ...draft.weights, [key]: value } });

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { params: { query: { purpose: 'kennisdelen' } }, body: toSettings(draft) },
      {
        onSuccess: (activation) => {
          setMessage(t('matching.saved', { version: activation.profile.version }));
          if (activation.purpose === 'kennisdelen') setDraft(toDraft(activation.profile));
          setRunId(activation.run.id);
        },
      },
    );
  };

  return (
    <>
      <Paragraph lead>{t('matching.kennisdelenLead', { version: active.version })}</Paragraph>
      <LiveRegion message={message} />
      <form onSubmit={onSave} noValidate>
        <ProfileProblem failure={failure} />
        <section className="pm-card pm-section" aria-labelledby="kennisdelen-weights-heading">
          <Heading2 id="kennisdelen-weights-heading">{t('matching.weights')}</Heading2>
          <Paragraph className="pm-muted">{t('matching.weightsLead', { sum: number(weightSum, 2) })}</Paragraph>
          {errors['weights'] && (
            <p className="utrecht-form-field-error-message" role="alert">
              {errors['weights']}
            </p>
          )}
          <div className="pm-form-grid pm-form-grid--narrow">
            {KENNISDELEN_COMPONENT_KEYS.map((key) => (
              <Field key={key} label={t(`kennisdelenComponent.${key}` as const)} error={errors[`weights.${key}`]}>
                <Textbox type="number" min={0} max={1} step={0.05} inputMode="decimal" value={draft.weights[key]} onChange={(event) => setWeight(key, event.target.value)} />
              </Field>
            ))}
          </div>
        </section>
        <section className="pm-card pm-section" aria-labelledby="kennisdelen-settings-heading">
          <Heading2 id="kennisdelen-settings-heading">{t('matching.kennisdelenSettings')}</Heading2>
          <div className="pm-form-grid pm-form-grid--narrow">
            <Field label={t('setting.crossSectorPeers')} description={t('settingHint.crossSectorPeers')} error={errors['crossSectorPeers']}>
              <Textbox type="number" min={0} max={1} step={0.05} inputMode="decimal" value={draft.crossSectorPeers} onChange={(event) => setDraft({ ...draft, crossSectorPeers: event.target.value })} />
            </Field>
            <Field label={t('setting.k')} description={t('settingHint.kennisdelenK')} error={errors['k']}>
              <Textbox type="number" min={1} max={200} step={1} inputMode="numeric" value={draft.k} onChange={(event) => setDraft({ ...draft, k: event.target.value })} />
            </Field>
          </div>
        </section>
        <section className="pm-card pm-section" aria-labelledby="kennisdelen-save-heading">
          <Heading2 id="kennisdelen-save-heading">{t('matching.apply')}</Heading2>
          <Field label={t('matching.note')} error={errors['note']}>
            <Textbox value={draft.note} onChange={(event) => setDraft({ ...draft, note: event.target.value })} maxLength={2000} />
          </Field>
          <div className="utrecht-button-group">
            <Button type="submit" appearance="primary-action-button" busy={save.isPending}>
              {t('matching.save')}
            </Button>
            <Button type="button" appearance="subtle-button" onClick={() => { save.reset(); setDraft(toDraft(active)); }}>
              {t('matching.reset')}
            </Button>
          </div>
        </section>
      </form>
      {runId && <RunProgress runId={runId} />}
    </>
  );
}
