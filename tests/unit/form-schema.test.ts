import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { formTool } from '../../src/page/form-schema';

const DIR = resolve(import.meta.dirname, '../fixtures/webmcp');
const native = JSON.parse(readFileSync(resolve(DIR, 'native-declarative-tools.json'), 'utf8')) as {
  tools: { name: string; description: string; inputSchema: unknown }[];
};

describe('declarative form tools', () => {
  it('get the input schema native Chromium 156 gives the same forms', () => {
    const { document } = new JSDOM(readFileSync(resolve(DIR, 'declarative-forms.html'), 'utf8')).window;
    const ours = Array.from(document.querySelectorAll('form')).map((form) => formTool(form));
    expect(
      ours.map((t) => t && { name: t.name, description: t.description, inputSchema: t.inputSchema }),
    ).toEqual(native.tools);
    expect(ours.map((t) => t?.autosubmit)).toEqual([false, true]);
  });

  it('are not tools without a name and a description', () => {
    const { document } = new JSDOM(
      '<form toolname="x"><input name="a"></form><form tooldescription="y"></form><form></form>',
    ).window;
    expect(Array.from(document.querySelectorAll('form')).map((f) => formTool(f))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });
});
