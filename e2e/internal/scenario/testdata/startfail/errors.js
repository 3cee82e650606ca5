// Keeps what the worker writes with console.error, so that a scenario can read it: the glue reports
// an event it cannot register there.
'use strict';
self.consoleErrors = [];
const consoleError = console.error;
console.error = (...args) => {
  self.consoleErrors.push(args.join(' '));
  consoleError.apply(console, args);
};
