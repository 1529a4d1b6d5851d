import type { RemoteServerConfig } from '../../messages/server-config';
import type { RemoteOptions } from '../remote-types';
import { OAuthSession } from './oauth-fetch';

export type { OAuthSession };

/** The server's OAuth session when the host can sign in (RemoteOptions.oauth), else none: plain fetch. */
export function oauthSessionFor(
  config: RemoteServerConfig,
  options: RemoteOptions,
): OAuthSession | undefined {
  if (!options.oauth) return undefined;
  const base = options.fetch ?? ((input, init) => fetch(input, init));
  const overrides = options.oauthOverrides;
  return new OAuthSession({
    server: config,
    platform: options.oauth,
    fetch: base,
    logger: options.logger,
    now: options.now,
    ...(overrides?.provider ? { provider: overrides.provider } : {}),
    ...(overrides?.skipIssuerMetadataValidation ? { skipIssuerMetadataValidation: true } : {}),
  });
}
