"""Reading generated PDFs back in tests: the text of each page and the QR codes printed on them."""

import io
import re

from pypdf import PdfReader


def page_texts(data: bytes) -> list[str]:
    """The text of each page, with every run of whitespace as one space."""
    reader = PdfReader(io.BytesIO(data))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def qr_codes(data: bytes) -> list[list[str]]:
    """The QR codes in the images of each page, decoded (zxing-cpp, a wheel: no system library)."""
    import zxingcpp
    from PIL import Image

    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        texts = []
        for image in page.images:
            texts += [result.text for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(image.data)))]
        found.append(texts)
    return found
