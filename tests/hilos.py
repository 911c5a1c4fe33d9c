"""Requests that race: callables released together, each thread on its own connection."""

import threading

from django.db import connection


def a_la_vez(funciones) -> list:
    """Run the callables in threads released together; each thread uses its own connection."""
    barrera = threading.Barrier(len(funciones))
    resultados: list = [None] * len(funciones)

    def correr(i, funcion):
        try:
            barrera.wait()
            resultados[i] = funcion()
        except Exception as error:  # the test asserts on what came back
            resultados[i] = error
        finally:
            connection.close()

    hilos = [threading.Thread(target=correr, args=(i, f)) for i, f in enumerate(funciones)]
    for hilo in hilos:
        hilo.start()
    for hilo in hilos:
        hilo.join()
    return resultados
