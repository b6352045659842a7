// Enhancement only: every page works without it (forms post and redirect).
import { initAll } from '/assets/govuk-frontend.min.js';

initAll();
