package dev.troupe.persistence;

class InMemoryJournalTest extends JournalContract {
    @Override
    protected Journal createJournal() {
        return Journal.inMemory();
    }
}
