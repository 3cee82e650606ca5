// A notes extension's worker: a menu item, a shortcut and the toolbar button each add a note and
// put the count on the badge.
'use strict';
self.notes = [];
const add = (how, tab) => {
  self.notes.push(how + " on tab " + tab.id);
  return chrome.action.setBadgeText({text: String(self.notes.length)});
};
chrome.runtime.onInstalled.addListener(() => chrome.contextMenus.create({id: "add-note", title: "Add note"}));
chrome.contextMenus.onClicked.addListener((info, tab) => add("menu " + info.menuItemId, tab));
chrome.commands.onCommand.addListener((name, tab) => add("shortcut " + name, tab));
chrome.action.onClicked.addListener((tab) => add("button", tab));
