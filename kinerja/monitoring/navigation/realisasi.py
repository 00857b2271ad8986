"""Home card of the realisasi area: what the pegawai has to fill, and by when."""


def due(request):
    return None
