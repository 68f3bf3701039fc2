/** Where the browser tests find Chromium: HARV_CHROMIUM, then Debian's package. */
import { existsSync } from 'node:fs';

export function chromiumPath(): string | null {
  const candidates = [process.env.HARV_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  return null;
}
