/** One-time cloud login (protocol.md §5): keys and profiles for the local connection. */
export {
  cloudEndpoints,
  isCloudRegion,
  CLOUD_REGIONS,
  APP_CLIENT_ID,
  APP_SCOPES,
  REDIRECT_URI,
  API_URL_ENV,
  ASSET_URL_ENV,
  type CloudRegion,
  type CloudEndpoints,
} from './endpoints';
export { createLoginRequest, pkceChallenge, type LoginRequest } from './pkce';
export { parseRedirect, type ParsedRedirect } from './redirect';
export { completeLogin, type LoginResult, type LoginFailure, type CompleteLoginOptions } from './login-flow';
export { mergeRecords } from './merge-records';
export { EXPIRED_CODE_MESSAGE, type FetchLike } from './cloud-client';
