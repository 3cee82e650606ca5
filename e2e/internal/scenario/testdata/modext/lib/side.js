self.sideEffects = (self.sideEffects || 0) + 1;
