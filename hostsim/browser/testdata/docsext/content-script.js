chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message.type === 'describe') {
    sendResponse({title: document.title, readyState: document.readyState, links: document.querySelectorAll('a').length});
  }
});
