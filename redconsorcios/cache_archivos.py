"""The shared file cache of one machine (settings: CACHE_DIR without REDIS_URL).

It holds the sections' generations and the rate limits. Django's FileBasedCache makes room by
deleting a random third of its files, live ones included: a flood of failed logins from many
addresses would then erase the count of the account under attack and reopen it to guessing.
This one makes room only by deleting expired files; live entries (each rate limit expires
within its window) stay until they expire.
"""

from __future__ import annotations

from contextlib import suppress

from django.core.cache.backends.filebased import FileBasedCache


class CacheArchivosSinPoda(FileBasedCache):
    def _cull(self) -> None:
        archivos = self._list_cache_files()
        if len(archivos) < self._max_entries:
            return
        for nombre in archivos:
            # Another worker may have deleted the file meanwhile: nothing left to do for it.
            with suppress(FileNotFoundError), open(nombre, "rb") as archivo:
                self._is_expired(archivo)  # deletes the file when it has expired
