// The popup is plain JavaScript: it asks the Go worker to add a note for the active tab (or, opened
// as a page with ?tab=<id>, for that tab) with extwasm.send.
async function addNote() {
  const status = document.getElementById('status');
  let tabId = Number(new URLSearchParams(location.search).get('tab'));
  if (!tabId) [{id: tabId}] = await chrome.tabs.query({active: true, lastFocusedWindow: true});
  try {
    const added = await extwasm.send('notes.add', {tabId});
    status.textContent = `${added.note} (${added.count} notes)`;
    return added;
  } catch (err) {
    status.textContent = `${err.code}: ${err.message}`;
    return {error: err.code, message: err.message};
  }
}
document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('add').addEventListener('click', addNote);
});
