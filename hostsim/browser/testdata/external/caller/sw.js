// Messages to other extensions are sent from the tests, from here and from the content script.
