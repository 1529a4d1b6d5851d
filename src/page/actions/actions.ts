/**
 * The page actions an assistant calls (src/messages/page-actions.ts), carried out in the page by the
 * content script's isolated world: it shares the DOM with the page but not its JavaScript objects, so a
 * hostile page can change what it shows, never what these functions are.
 *
 * Every acting call reads the outline before and after, waits for the page to settle, and answers with
 * what changed. Elements are reached only by the refs page_snapshot gave: an element inside another
 * site's frame never gets one, so acting there is impossible by construction.
 */

import type { InPageActionName } from '../../messages/page-actions';
import { errorMessage } from '../../shared/errors';
import type { ActionOutcome } from './action-outcome';
import {
  ActionError,
  optionalBoolean,
  optionalRef,
  optionalString,
  requiredString,
  stringList,
} from './args';
import { capture, describeChanges } from './changes';
import { type DomWindow, pointerClick } from './dom-events';
import { Namer } from './names';
import { pressEnter, pressKey, SENSITIVE_REFUSAL } from './press-key';
import type { RefRegistry } from './refs';
import { isDisabled } from './roles';
import { scrollIntoView, scrollPage } from './scroll';
import { chooseOptions } from './select-options';
import { isSensitiveField } from './sensitive';
import { settle, watchLeaving } from './settle';
import { SnapshotCursorError, snapshot } from './snapshot';
import { cut } from './text';
import { currentText, isTextEntry, typeText } from './text-entry';
import { waitForOutcome } from './wait-outcome';

export type { ActionOutcome } from './action-outcome';

/** What an action did, before the page's reaction is read. */
interface Acted {
  sentence: string;
  el?: Element;
  stopped?: boolean;
  destination?: string;
  /** A sentence about the element's state, read once the page has settled. */
  after?: () => string;
}

export class PageActions {
  private readonly win: DomWindow;

  constructor(
    win: Window,
    private readonly refs: RefRegistry,
  ) {
    this.win = win as DomWindow;
  }

  /** Carries out one action. Never throws: failures and refusals are error outcomes the assistant reads. */
  async run(
    name: InPageActionName,
    args: Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<ActionOutcome> {
    let target: string | undefined;
    try {
      if (signal.aborted)
        return { text: 'Stopped: the call was cancelled before it started.', isError: true };
      switch (name) {
        case 'page_snapshot': {
          const cursor = optionalString(args, 'cursor', 64);
          return {
            text: snapshot(this.win.document, this.refs, cursor === undefined ? {} : { cursor }).text,
          };
        }
        case 'wait_for':
          return await waitForOutcome(this.win, this.refs, args, signal);
        case 'click':
        case 'type':
        case 'select':
        case 'press_key':
        case 'scroll': {
          const ref = optionalRef(args);
          const el = ref === undefined ? undefined : this.element(ref);
          target = el ? new Namer().describe(el) : undefined;
          return await this.act(signal, target, () => this.perform(name, args, el, ref ?? '', signal));
        }
        default:
          return { text: `Unknown page action "${String(name)}".`, isError: true };
      }
    } catch (error) {
      const known = error instanceof ActionError || error instanceof SnapshotCursorError;
      const text = known ? error.message : `The action failed in the page: ${errorMessage(error)}`;
      return { text, isError: true, ...(target ? { target } : {}) };
    }
  }

  private perform(
    name: InPageActionName,
    args: Record<string, unknown>,
    el: Element | undefined,
    ref: string,
    signal: AbortSignal,
  ): Acted | Promise<Acted> {
    const label = el ? `${new Namer().describe(el)} [ref=${ref}]` : '';
    switch (name) {
      case 'click':
        if (!el) throw new ActionError('`ref` is required.');
        return this.click(el, label);
      case 'type':
        if (!el) throw new ActionError('`ref` is required.');
        return this.type(
          el,
          label,
          requiredString(args, 'text'),
          optionalBoolean(args, 'submit') ?? false,
          signal,
        );
      case 'select': {
        if (!el) throw new ActionError('`ref` is required.');
        if (el.localName !== 'select') {
          throw new ActionError(
            `${label} is not a list (<select>); for a custom list, click it, then click the option.`,
          );
        }
        refuseDisabled(el, label, 'changed');
        const chosen = chooseOptions(el as HTMLSelectElement, stringList(args, 'values'), label);
        return { sentence: `Chose ${chosen.map((t) => `"${cut(t, 60)}"`).join(', ')} in ${label}.`, el };
      }
      case 'press_key': {
        const key = requiredString(args, 'key', 32);
        if (el) (el as HTMLElement).focus?.();
        const on = el ?? this.win.document.activeElement ?? this.win.document.body;
        const did = pressKey(on, key);
        return {
          sentence: `${did[0]?.toUpperCase()}${did.slice(1)}${el ? ` on ${label}` : ''}.`,
          ...(el ? { el } : {}),
        };
      }
      default:
        if (el) {
          scrollIntoView(el);
          return { sentence: `Scrolled ${label} into view.`, el };
        }
        return { sentence: scrollPage(this.win, optionalString(args, 'direction', 8)) };
    }
  }

  /**
   * What would be refused anyway, told before the person is asked to approve it: a ref that is gone, typing
   * into a password or card field or into what is not a text field, choosing in what is not a list.
   * Undefined: nothing to refuse yet (the action itself checks everything again).
   */
  check(name: InPageActionName, args: Record<string, unknown>): ActionOutcome | undefined {
    try {
      const ref = optionalRef(args);
      if (ref === undefined) return undefined;
      const el = this.element(ref);
      const label = `${new Namer().describe(el)} [ref=${ref}]`;
      if (name === 'type' && !isTextEntry(el)) throw new ActionError(`${label} is not a text field.`);
      if (name === 'type' && isSensitiveField(el)) throw new ActionError(SENSITIVE_REFUSAL);
      if (name === 'select' && el.localName !== 'select') throw new ActionError(`${label} is not a list.`);
      return undefined;
    } catch (error) {
      return error instanceof ActionError ? { text: error.message, isError: true } : undefined;
    }
  }

  private element(ref: string): Element {
    const el = this.refs.resolve(ref);
    if (!el)
      throw new ActionError(
        `No element ${ref} on the page now (it may have been removed). Take a new page_snapshot.`,
      );
    return el;
  }

  /** Before, the action, settling, after: the action's sentence and what changed. */
  private async act(
    signal: AbortSignal,
    target: string | undefined,
    action: () => Acted | Promise<Acted>,
  ): Promise<ActionOutcome> {
    const doc = this.win.document;
    const before = capture(doc, this.refs);
    const watch = watchLeaving(this.win);
    const withTarget = target ? { target } : {};
    try {
      const acted = await action();
      if (acted.stopped) return { text: `Stopped: ${acted.sentence}`, isError: true, ...withTarget };
      await settle(this.win, signal, watch.leaving);
      const after = capture(doc, this.refs);
      const facts = {
        before,
        after,
        leaving: watch.left(),
        ...(acted.destination ? { destination: acted.destination } : {}),
        ...(acted.el ? { target: acted.el } : {}),
      };
      const state = acted.after && acted.el?.isConnected ? [acted.after()] : [];
      const lines = [
        acted.sentence,
        ...state.filter(Boolean),
        ...describeChanges(facts, this.refs, new Namer()),
      ];
      return { text: lines.join('\n'), ...withTarget };
    } finally {
      watch.stop();
    }
  }

  private click(el: Element, label: string): Acted {
    refuseDisabled(el, label, 'clicked');
    scrollIntoView(el);
    pointerClick(el);
    const link = el.closest('a[href]') as HTMLAnchorElement | null;
    const form = (el as HTMLButtonElement).form;
    const submits = form && (el as HTMLButtonElement).type === 'submit';
    const destination =
      link && !/^\s*javascript:/i.test(link.getAttribute('href') ?? '')
        ? link.href
        : submits
          ? form.action
          : undefined;
    const newTab = link?.target === '_blank' ? ' It opens in a new tab.' : '';
    const input = el as HTMLInputElement;
    const toggles = el.localName === 'input' && (input.type === 'checkbox' || input.type === 'radio');
    return {
      sentence: `Clicked ${label}.${newTab}`,
      el,
      ...(destination ? { destination } : {}),
      ...(toggles ? { after: () => `It is now ${input.checked ? 'checked' : 'not checked'}.` } : {}),
    };
  }

  private async type(
    el: Element,
    label: string,
    text: string,
    submitAfter: boolean,
    signal: AbortSignal,
  ): Promise<Acted> {
    if (!isTextEntry(el)) {
      throw new ActionError(
        `${label} is not a text field; type works on text boxes, text areas and editable regions. Use click, select or press_key.`,
      );
    }
    if (isSensitiveField(el)) throw new ActionError(SENSITIVE_REFUSAL);
    refuseDisabled(el, label, 'typed into');
    if ((el as HTMLInputElement).readOnly === true) throw new ActionError(`${label} is read-only.`);
    scrollIntoView(el);
    (el as HTMLElement).focus();
    const total = Array.from(text).length;
    const typed = await typeText(el, text, signal);
    if (typed.stopped)
      return {
        sentence: `typed ${typed.typed} of ${total} characters into ${label}, then the call was cancelled.`,
        el,
        stopped: true,
      };
    const enter = submitAfter ? ` and ${pressEnter(el)}` : '';
    return {
      sentence: `Typed ${total} characters into ${label}${enter}.`,
      el,
      after: () => {
        const now = currentText(el);
        return now === text ? '' : `It now holds "${cut(now, 200)}" (the page changed what was typed).`;
      },
    };
  }
}

function refuseDisabled(el: Element, label: string, what: string): void {
  if (isDisabled(el))
    throw new ActionError(
      `${label} is disabled, so it can't be ${what} now. Take a new page_snapshot to see when it is enabled.`,
    );
}
