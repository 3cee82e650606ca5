// The popup is plain JavaScript: extwasm.send calls the Go worker's route and resolves to the reply
// body, or rejects with an Error whose .code is the route's error code. As the action popup it asks
// for the active tab's feeds; opened as a page with ?tab=<id>, for that tab's.
document.addEventListener('DOMContentLoaded', async () => {
  const tab = Number(new URLSearchParams(location.search).get('tab')) || 0;
  const status = document.getElementById('status');
  try {
    const {tabId, feeds} = await extwasm.send('rss.list', tab ? {tabId: tab} : {});
    const list = document.getElementById('feeds');
    for (const feed of feeds) {
      const item = document.createElement('li');
      item.textContent = feed.title ? `${feed.title} (${feed.url})` : feed.url;
      list.appendChild(item);
    }
    status.textContent = `${feeds.length} feed(s) in tab ${tabId}`;
    self.result = {tabId, feeds};
  } catch (err) {
    status.textContent = `${err.code}: ${err.message}`;
    self.result = {error: err.code};
  }
});
