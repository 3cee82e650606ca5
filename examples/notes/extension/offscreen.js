// The offscreen document answers {offscreen: 'ping'}; the Go worker leaves such messages alone
// (they are not its routes), so this reply is the one the sender gets.
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message && message.offscreen === 'ping') {
    sendResponse({pong: new DOMParser().parseFromString('<p>Tab <b>Notes</b></p>', 'text/html').body.textContent});
  }
});
