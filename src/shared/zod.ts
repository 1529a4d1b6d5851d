import { z } from 'zod';

// Zod 4 probes `new Function` to build fast parsers unless jitless is set; MV3's CSP forbids eval,
// so the probe would log a CSP violation in every context. Imported first by every entry point.
z.config({ jitless: true });

export { z };
