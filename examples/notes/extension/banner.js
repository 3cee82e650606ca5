// Run in the page by chrome.scripting.executeScript: shows a banner and returns the page's title,
// the script's result.
(() => {
  const banner = document.getElementById('tab-notes-banner') || document.createElement('div');
  banner.id = 'tab-notes-banner';
  banner.textContent = 'Tab Notes: note added';
  document.body.prepend(banner);
  return document.title;
})();
