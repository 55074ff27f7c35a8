"""The keys a cache holds, whichever backend the tests run on: Django's in-memory cache (its own
dict) or Redis (every key of its database, which the tests have to themselves)."""


def stored_keys(cache):
    store = cache._cache
    if isinstance(store, dict):
        return list(store)
    return [key.decode() for key in store.get_client(write=False).keys("*")]
