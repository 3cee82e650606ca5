// The action popup, in plain JavaScript. Opening it is a user action no web page can fake (a click
// on the toolbar button, or chrome.action.openPopup from the extension itself); clicking "Fill" asks
// the Go worker, over the route demo.fill, to fill the active tab's login form. Opened as a page
// with ?tab=<id> (as tests do), it fills that tab instead.
'use strict';

async function targetTab() {
  const param = Number(new URLSearchParams(location.search).get('tab'));
  if (param > 0) return param;
  const [tab] = await chrome.tabs.query({active: true, currentWindow: true});
  return tab ? tab.id : 0;
}

// fill asks the worker and resolves with {origin, saved, filled} or {error: code, message}.
async function fill() {
  const status = document.getElementById('status');
  let result;
  try {
    result = await extwasm.send('demo.fill', {tabId: await targetTab()});
    status.textContent = result.saved ? `filled ${result.filled} field(s) on ${result.origin}`
      : `no login saved for ${result.origin}`;
  } catch (err) {
    result = {error: err.code, message: err.message};
    status.textContent = `${err.code}: ${err.message}`;
  }
  self.fillResult = result;
  return result;
}

document.getElementById('fill').addEventListener('click', () => { fill(); });
