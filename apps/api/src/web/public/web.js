// Enhancement only: every page works without it (forms post and redirect).
// GOV.UK Frontend is served beside this file by the api (looked up at run time, not bundled).
const govukFrontend = '/assets/govuk-frontend.min.js';

import(govukFrontend).then(({ initAll }) => {
  initAll();
  // GOV.UK Frontend's conditional reveals mark each radio with aria-expanded as it shows and hides
  // the questions under it, but ARIA 1.2 allows aria-expanded only on roles such as button, not on
  // radio, and the pages are held to zero WCAG 2.2 A/AA failures. The attribute is taken off as it
  // is set; aria-controls stays, and the revealed questions follow their radio in reading order.
  const withoutExpanded = (radio) => radio.hasAttribute('aria-expanded') && radio.removeAttribute('aria-expanded');
  document.querySelectorAll('input[type="radio"][aria-controls]').forEach(withoutExpanded);
  new MutationObserver((changes) => changes.forEach((change) => withoutExpanded(change.target))).observe(
    document.body,
    {
      subtree: true,
      attributes: true,
      attributeFilter: ['aria-expanded'],
    },
  );
});
