import { describe, expect, it } from 'vitest';
import { FrameAdmission } from '../../src/host/frame-admission';
import { frameAllowsTools } from '../../src/page/frame-policy';

const TOP = 'https://news.example';
const MAPS = 'https://maps.example';

describe('frameAllowsTools (the allow attribute, default allowlist self)', () => {
  it('allows same-origin frames by default and cross-origin ones only with allow="tools"', () => {
    expect(frameAllowsTools(null, TOP, TOP, '/inner.html')).toBe(true);
    expect(frameAllowsTools(null, MAPS, TOP, `${MAPS}/embed`)).toBe(false);
    expect(frameAllowsTools('tools', MAPS, TOP, `${MAPS}/embed`)).toBe(true);
    expect(frameAllowsTools('camera; tools; fullscreen', MAPS, TOP, `${MAPS}/embed`)).toBe(true);
    expect(frameAllowsTools('camera', MAPS, TOP, `${MAPS}/embed`)).toBe(false);
  });

  it("reads allowlists: 'src' is the frame's src origin, so a frame that navigated elsewhere is refused", () => {
    expect(frameAllowsTools('tools', 'https://ads.example', TOP, `${MAPS}/embed`)).toBe(false);
    expect(frameAllowsTools("tools 'src'", MAPS, TOP, `${MAPS}/embed`)).toBe(true);
    expect(frameAllowsTools('tools *', 'https://ads.example', TOP, `${MAPS}/embed`)).toBe(true);
    expect(frameAllowsTools(`tools ${MAPS}`, MAPS, TOP, 'https://other.example/')).toBe(true);
    expect(frameAllowsTools(`tools ${MAPS}`, 'https://other.example', TOP, `${MAPS}/`)).toBe(false);
    expect(frameAllowsTools("tools 'none'", TOP, TOP, '/inner.html')).toBe(false);
    expect(frameAllowsTools("tools 'self'", MAPS, TOP, `${MAPS}/embed`)).toBe(false);
  });

  it('never allows opaque or non-web origins, and treats srcdoc and about:blank as the embedder', () => {
    expect(frameAllowsTools('tools *', 'null', TOP, null)).toBe(false);
    expect(frameAllowsTools('tools', TOP, TOP, null)).toBe(true);
    expect(frameAllowsTools('tools', TOP, TOP, 'about:blank')).toBe(true);
    expect(frameAllowsTools('tools', MAPS, TOP, 'not a url at all')).toBe(false);
  });
});

describe('FrameAdmission (the worker side of the handshake)', () => {
  let n = 0;
  const admission = () => {
    let now = 1000;
    const a = new FrameAdmission(
      () => `t${++n}`,
      () => now,
    );
    return { a, advance: (ms: number) => (now += ms) };
  };
  const top = { tabId: 1, frameId: 0, origin: TOP, documentId: 'top' };
  const maps = { tabId: 1, frameId: 4, origin: MAPS, documentId: 'm1' };

  it('admits a frame that redeems the token its top frame was given for its origin, once', () => {
    const { a } = admission();
    expect(a.allows(maps)).toBe(false);
    const token = a.vouch(top, MAPS);
    expect(token).toBeTypeOf('string');
    expect(a.admit(maps, token as string)).toBe(true);
    expect(a.allows(maps)).toBe(true);
    expect(a.admit({ ...maps, frameId: 5 }, token as string)).toBe(false); // spent
  });

  it('refuses a token for another origin, another tab, a made-up one, or an expired one', () => {
    const { a, advance } = admission();
    const token = a.vouch(top, MAPS) as string;
    expect(a.admit({ ...maps, origin: 'https://ads.example' }, token)).toBe(false);
    expect(a.admit({ ...maps, tabId: 2 }, token)).toBe(false);
    expect(a.admit(maps, 'guessed')).toBe(false);
    advance(31_000);
    expect(a.admit(maps, token)).toBe(false);
  });

  it('takes vouchers only from the top frame or an admitted frame, and ends admission with the document', () => {
    const { a } = admission();
    const stranger = { tabId: 1, frameId: 9, origin: 'https://ads.example', documentId: 'x' };
    expect(a.vouch(stranger, 'https://ads.example')).toBeUndefined();
    expect(a.admit(maps, a.vouch(top, MAPS) as string)).toBe(true);
    const nested = { tabId: 1, frameId: 6, origin: 'https://tiles.example', documentId: 'n' };
    expect(a.admit(nested, a.vouch(maps, nested.origin) as string)).toBe(true); // maps vouches for its own
    expect(a.allows({ ...maps, documentId: 'm2' })).toBe(false); // the frame navigated
    a.forgetTab(1);
    expect(a.allows(nested)).toBe(false);
  });
});
