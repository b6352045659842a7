/** Every page lives under this path; the API's own routes stay as they are. */
export const WEB_PATH = 'web';
export const WEB_PREFIX = `/${WEB_PATH}`;
/** GOV.UK Frontend's stylesheet asks for its fonts and images here. */
export const ASSETS_PATH = 'assets';
