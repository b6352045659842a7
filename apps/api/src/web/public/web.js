// Enhancement only: every page works without it (forms post and redirect).
// GOV.UK Frontend is served beside this file by the api (looked up at run time, not bundled).
const govukFrontend = '/assets/govuk-frontend.min.js';

import(govukFrontend).then(({ initAll }) => initAll());
