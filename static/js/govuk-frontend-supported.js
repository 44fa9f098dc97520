// GOV.UK Frontend's body class switch, from a file so a strict Content Security Policy
// needs no 'unsafe-inline'.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
