// Loaded synchronously at the start of <body>: marks the page as running JavaScript before it is
// drawn, so the NHS.UK components hide what their scripts will show (no flash of unstyled content).
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " nhsuk-frontend-supported" : "");
