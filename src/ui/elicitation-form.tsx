import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { formAnswerProblem } from '../consent/form-answer';
import type { ElicitValue } from '../messages/contract';
import { DecisionBar } from './approval/decision-bar';
import { collectAnswers, initialValues } from './elicitation/answers';
import { fieldsOf } from './elicitation/fields';
import type { Field, FieldKind, RawAnswers, RawValue } from './elicitation/types';

export type ElicitAction = 'accept' | 'decline' | 'cancel';

export interface ElicitationFormProps {
  /** The server's text. Untrusted: shown as plain text only. */
  message: string;
  /** The server's `requestedSchema`, unchecked; a schema we can't render leaves only Decline and Cancel. */
  requestedSchema: unknown;
  onAnswer(action: ElicitAction, content?: Record<string, ElicitValue>): void;
  /** The worker refused the last answer (it checks it again): the form can be corrected and sent again. */
  refused?: string | undefined;
}

const INPUT_TYPE: Partial<Record<FieldKind, string>> = {
  text: 'text',
  email: 'email',
  uri: 'url',
  date: 'date',
  'date-time': 'datetime-local',
  number: 'number',
  integer: 'number',
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// A key such as "constructor" must not read Object.prototype.
const own = (values: RawAnswers, key: string): RawValue =>
  Object.hasOwn(values, key) ? values[key] : undefined;

/**
 * An `elicitation/create` form-mode request, answered once. Give each request its own `key`: the
 * form's state is set up from the schema when it mounts.
 */
export function ElicitationForm({ message, requestedSchema, onAnswer, refused }: ElicitationFormProps) {
  const prefix = useId();
  const parsed = useMemo(() => {
    try {
      return { fields: fieldsOf(requestedSchema) };
    } catch (e) {
      return { fields: [], problem: e instanceof Error ? e.message : String(e) };
    }
  }, [requestedSchema]);
  const { fields, problem } = parsed;
  const [values, setValues] = useState<RawAnswers>(() => initialValues(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [answered, setAnswered] = useState(false);
  const [formProblem, setFormProblem] = useState<string>();
  const root = useRef<HTMLElement>(null);

  // The request is still waiting after a refusal: let the person correct the answer and send it again.
  useEffect(() => {
    if (refused) setAnswered(false);
  }, [refused]);

  // The first focus is the approval window's (Cancel, see DecisionBar); this moves it only to a field to fix.
  useEffect(() => {
    if (attempt) root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const answer = (action: ElicitAction, content?: Record<string, ElicitValue>) => {
    if (answered) return;
    setAnswered(true);
    onAnswer(action, content);
  };
  const set = (key: string, value: RawValue) => setValues((v) => ({ ...v, [key]: value }));
  const id = (i: number) => `${prefix}-f${i}`;

  const submit = (event: Event) => {
    event.preventDefault();
    // A number input reports '' for text it can't read (say "1e"); pass on something unreadable instead,
    // so the person is told to fix it rather than have it silently dropped.
    const unreadable = (i: number) =>
      (document.getElementById(id(i)) as HTMLInputElement | null)?.validity?.badInput;
    const raw = Object.fromEntries(fields.map((f, i) => [f.key, unreadable(i) ? 'NaN' : own(values, f.key)]));
    const result = collectAnswers(fields, raw);
    if (!result.ok) {
      setErrors(result.errors);
      setAttempt((n) => n + 1);
      return;
    }
    // The worker's own check, run here first, so that an answer it would refuse is corrected before it
    // is sent (the browser's idea of an email or URL is looser than JSON Schema's formats).
    const schemaProblem = isRecord(requestedSchema)
      ? formAnswerProblem(requestedSchema, result.content)
      : undefined;
    setErrors({});
    setFormProblem(schemaProblem);
    if (schemaProblem) return;
    answer('accept', result.content);
  };

  // Cancel is the safe choice and Escape's: MCP's "cancel" is the user dismissing the request without
  // choosing, "decline" an explicit no.
  const buttons = (
    <DecisionBar>
      <button class="large" type="button" data-safe="" disabled={answered} onClick={() => answer('cancel')}>
        Cancel
      </button>
      <button class="large" type="button" disabled={answered} onClick={() => answer('decline')}>
        Decline
      </button>
      <span class="bar-gap" />
      {!problem && (
        <button class="large primary" type="submit" disabled={answered}>
          Submit
        </button>
      )}
    </DecisionBar>
  );

  return (
    <section class="elicit" ref={root} aria-label="Information requested">
      <p class="elicit-message">{typeof message === 'string' ? message : ''}</p>
      {problem ? (
        <>
          <p class="elicit-problem" role="alert">
            Switchboard can't show this form. {problem} You can decline or cancel.
          </p>
          {buttons}
        </>
      ) : (
        <form noValidate onSubmit={submit}>
          {formProblem && (
            <p class="elicit-problem" role="alert">
              {formProblem}
            </p>
          )}
          {fields.map((f, i) => (
            <FieldControl
              key={f.key}
              field={f}
              id={id(i)}
              value={own(values, f.key)}
              error={Object.hasOwn(errors, f.key) ? errors[f.key] : undefined}
              onChange={(v) => set(f.key, v)}
            />
          ))}
          {buttons}
        </form>
      )}
    </section>
  );
}

interface FieldControlProps {
  field: Field;
  id: string;
  value: RawValue;
  error: string | undefined;
  onChange(value: RawValue): void;
}

function FieldControl({ field: f, id, value, error, onChange }: FieldControlProps) {
  const descId = f.description ? `${id}-desc` : undefined;
  const errId = error ? `${id}-err` : undefined;
  const describedBy = [descId, errId].filter(Boolean).join(' ') || undefined;
  const desc = descId && (
    <p class="desc" id={descId}>
      {f.description}
    </p>
  );
  const err = errId && (
    <p class="elicit-error" id={errId}>
      {error}
    </p>
  );
  // Not aria-hidden where `required` is on the control: screen readers announce that already.
  const mark = <span class="elicit-req">(required)</span>;

  if (f.kind === 'boolean') {
    // Never marked required: for a yes/no question an unchecked box is an answer too.
    return (
      <div class="elicit-field elicit-check">
        <input
          type="checkbox"
          id={id}
          checked={value === true}
          aria-describedby={describedBy}
          aria-invalid={error ? 'true' : undefined}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
        <div>
          <label for={id}>{f.label}</label>
          {desc}
          {err}
        </div>
      </div>
    );
  }

  if (f.kind === 'multi-select') {
    const picked = Array.isArray(value) ? value : [];
    return (
      <fieldset class="elicit-field" aria-describedby={describedBy}>
        <legend>
          {f.label}
          {f.required && <> {mark}</>}
        </legend>
        {desc}
        {f.options?.map((o) => (
          <label class="elicit-option" key={o.value}>
            <input
              type="checkbox"
              checked={picked.includes(o.value)}
              aria-invalid={error ? 'true' : undefined}
              onChange={(e) =>
                onChange(e.currentTarget.checked ? [...picked, o.value] : picked.filter((p) => p !== o.value))
              }
            />{' '}
            {o.label}
          </label>
        ))}
        {err}
      </fieldset>
    );
  }

  const common = {
    id,
    required: f.required,
    'aria-describedby': describedBy,
    'aria-invalid': error ? ('true' as const) : undefined,
  };
  const text = typeof value === 'string' ? value : '';
  return (
    <div class="elicit-field">
      <label for={id}>
        {f.label}
        {f.required && <span aria-hidden="true"> {mark}</span>}
      </label>
      {desc}
      {f.kind === 'select' ? (
        <select {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)}>
          {/* Always offered when optional, so a choice can be taken back. */}
          {(!f.required || !f.default) && <option value="">{f.required ? 'Choose…' : '(none)'}</option>}
          {f.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={INPUT_TYPE[f.kind] ?? 'text'}
          value={text}
          min={f.min}
          max={f.max}
          step={f.kind === 'integer' ? 1 : f.kind === 'number' ? 'any' : undefined}
          minLength={f.minLength}
          maxLength={f.maxLength}
          onInput={(e) => onChange(e.currentTarget.value)}
        />
      )}
      {err}
    </div>
  );
}
