import { useState } from 'preact/hooks';
import { type ArgEntry, type ArgValue, objectEntries, parseArguments, preview } from './format-values';

/** A long value: its start, and a button that shows the rest (and folds it again). */
function Folded({ text, raw }: { text: string; raw?: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <span class={raw ? 'arg-text arg-raw' : 'arg-text'}>{open ? text : preview(text)}</span>
      <button type="button" class="link arg-more" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Show less' : `Show all (${text.length.toLocaleString('en')} characters)`}
      </button>
    </>
  );
}

function Value({ value }: { value: ArgValue }) {
  switch (value.kind) {
    case 'group':
      return <Entries entries={value.entries} nested list={value.list} />;
    case 'raw':
      return <Folded text={value.text} raw />;
    case 'text':
      return value.long ? <Folded text={value.text} /> : <span class="arg-text">{value.text}</span>;
    case 'none':
      return <span class="arg-none">{value.text}</span>;
    default:
      return <span class="arg-text">{value.text}</span>;
  }
}

function Entries({
  entries,
  nested,
  list,
  label,
}: {
  entries: ArgEntry[];
  nested?: boolean;
  /** A list's labels are its positions: they need no more room than a number. */
  list?: boolean;
  label?: string;
}) {
  const cls = ['args-list', nested && 'nested', list && 'list'].filter(Boolean).join(' ');
  return (
    <dl class={cls} aria-label={label}>
      {entries.map((entry, i) => (
        // Keys are unique per object, and a list's labels are its positions.
        <div class="arg" key={`${i}:${entry.label}`} data-key={entry.key ?? entry.label}>
          <dt title={entry.key}>{entry.label}</dt>
          <dd>
            <Value value={entry.value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The call's arguments as a list of labelled values. Every value is the assistant's text, shown as text. */
export function ArgumentsList({ argumentsJson }: { argumentsJson: string }) {
  const parsed = parseArguments(argumentsJson);
  if (!parsed.ok) {
    return (
      <>
        <p class="desc">These arguments are too large to list; here is the start of them.</p>
        <Folded text={parsed.text} raw />
      </>
    );
  }
  if (parsed.entries.length === 0) return <p class="desc">It sends nothing else.</p>;
  return <Entries entries={parsed.entries} />;
}

/** An object's fields as a list of labelled values (a tool's arguments, a result's fields). */
export function ValueList({ record, label }: { record: Record<string, unknown>; label?: string }) {
  const entries = objectEntries(record);
  if (entries.length === 0) return <p class="desc">Nothing</p>;
  return <Entries entries={entries} {...(label ? { label } : {})} />;
}
