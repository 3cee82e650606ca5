self.classic = true;
