// Before the page is drawn: GOV.UK Frontend styles its enhanced components only when scripts run.
document.body.className +=
  ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
