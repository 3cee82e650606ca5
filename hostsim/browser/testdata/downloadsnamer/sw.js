// Files every download under "named/", later, from a listener registered at the top level.
chrome.downloads.onDeterminingFilename.addListener((item, suggest) => {
	setTimeout(() => suggest({filename: "named/" + item.filename}), 10);
	return true;
});
