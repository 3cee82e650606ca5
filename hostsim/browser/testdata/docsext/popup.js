document.addEventListener('DOMContentLoaded', async () => {
  const [tab] = await chrome.tabs.query({active: true, currentWindow: true});
  const page = await chrome.tabs.sendMessage(tab.id, {type: 'describe'});
  const {count} = await chrome.runtime.sendMessage({type: 'count'});
  document.getElementById('out').textContent = `${page.title}: ${page.links} links (popup opened ${count} times)`;
  self.result = {tabId: tab.id, url: tab.url, page, count};
});
