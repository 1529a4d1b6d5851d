/** What a page action answers: text for the assistant, and the element acted on for the audit log. */
export interface ActionOutcome {
  text: string;
  isError?: boolean;
  /** The element acted on as the page labels it (`button "Place order"`); never typed text. */
  target?: string;
}
