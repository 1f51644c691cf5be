SELECT rate();
