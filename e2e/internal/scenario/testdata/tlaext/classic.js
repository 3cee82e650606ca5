self.order = ["classic"];
