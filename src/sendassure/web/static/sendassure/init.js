// Marks the page as JavaScript-enabled for GOV.UK Frontend, then starts its components.
// Kept in a file (not inline) so the Content-Security-Policy can forbid inline script.
document.body.className += ' js-enabled' +
  ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
