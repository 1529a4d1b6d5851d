import type { ElicitValue } from '../../messages/contract';

// The form model, on its own so fields.ts (schema → fields) and answers.ts (values → content) both
// depend on it and not on each other.

/** What one form control collects; the input type follows from it. */
export type FieldKind =
  | 'text'
  | 'email'
  | 'uri'
  | 'date'
  | 'date-time'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'select'
  | 'multi-select';

export interface FieldOption {
  value: string;
  label: string;
}

/** One property of an elicitation `requestedSchema`, checked and ready to render. */
export interface Field {
  key: string;
  label: string;
  description?: string;
  required: boolean;
  kind: FieldKind;
  options?: FieldOption[];
  min?: number;
  max?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  default?: ElicitValue;
}

/** What the form's controls hold: text for text and number inputs, booleans for checkboxes. */
export type RawValue = string | boolean | string[] | undefined;
export type RawAnswers = Record<string, RawValue>;
export type CollectResult =
  | { ok: true; content: Record<string, ElicitValue> }
  | { ok: false; errors: Record<string, string> };
