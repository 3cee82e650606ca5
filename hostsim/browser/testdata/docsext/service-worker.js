// Listeners at the top level, so an event that wakes the worker finds them.
chrome.runtime.onInstalled.addListener(({reason}) => {
  if (reason === 'install') {
    chrome.storage.local.set({count: 0, ticks: 0});
    chrome.alarms.create('tick', {periodInMinutes: 1});
  }
});

chrome.alarms.onAlarm.addListener(async (alarm) => {
  if (alarm.name !== 'tick') return;
  const {ticks} = await chrome.storage.local.get('ticks');
  await chrome.storage.local.set({ticks: ticks + 1});
});

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (message.type !== 'count') return;
  chrome.storage.local.get('count').then(async ({count}) => {
    await chrome.storage.local.set({count: count + 1});
    sendResponse({count: count + 1});
  });
  return true; // sendResponse is called asynchronously
});
