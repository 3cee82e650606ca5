self.pageReady = true;
