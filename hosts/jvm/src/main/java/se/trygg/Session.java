package se.trygg;

/** One respondent's live form. Results are canonical JSON text. */
public final class Session implements AutoCloseable {
    private final Trygg trygg;
    private final int handle;
    private final int generation;

    Session(Trygg trygg, int handle, int generation) {
        this.trygg = trygg;
        this.handle = handle;
        this.generation = generation;
    }

    private String call(String name, Object... args) throws TryggException {
        synchronized (trygg) {
            if (trygg.generation() != generation) {
                throw new TryggException("internal.poisoned",
                    "this session was lost with its module instance (a trap); start a new one", null);
            }
            Object[] all = new Object[args.length + 1];
            all[0] = handle;
            System.arraycopy(args, 0, all, 1, args.length);
            return trygg.call(name, all).text();
        }
    }

    /** Set (with {@code null} clear) an answer given as JSON text; the changes. */
    public String set(String item, String valueJson) throws TryggException { return call("trygg_session_set", item, valueJson); }

    /** Decline an item; the changes. */
    public String decline(String item) throws TryggException { return call("trygg_session_decline", item); }

    /** The form rendered in {@code locale}. */
    public String items(String locale) throws TryggException { return call("trygg_session_items", locale); }

    /** Progress. */
    public String progress() throws TryggException { return call("trygg_session_progress"); }

    /** The outcome so far. */
    public String outcome() throws TryggException { return call("trygg_session_outcome"); }

    /** The response so far. */
    public String response() throws TryggException { return call("trygg_session_response"); }

    /** End the session (a no-op when its instance is gone). */
    @Override
    public void close() throws TryggException {
        synchronized (trygg) {
            if (trygg.generation() == generation) call("trygg_session_free");
        }
    }
}
