"""An upload is kept only as a PNG or JPEG that Pillow reads, within the pixel limit, turned upright and encoded
again without any of its metadata: no EXIF (GPS, camera, serial number), XMP, comment or PNG text."""
import io

import pytest
from PIL import ExifTags, Image, ImageFile

from coalition.images import Refused, clean
from tests import images


def opened(data: bytes) -> Image.Image:
    picture = Image.open(io.BytesIO(data))
    picture.load()
    return picture


def test_a_png_is_kept_as_a_png_with_its_pixels():
    cleaned = clean(images.png(40, 30))
    assert (cleaned.content_type, cleaned.width, cleaned.height) == ("image/png", 40, 30)
    assert opened(cleaned.data).getpixel((5, 5)) == (200, 30, 30)


def test_a_photo_loses_its_gps_and_camera_and_stands_upright():
    assert opened(images.photo()).getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the upload has them
    cleaned = clean(images.photo(40, 20, orientation=6))
    assert (cleaned.content_type, cleaned.width, cleaned.height) == ("image/jpeg", 20, 40)
    kept = opened(cleaned.data)
    assert kept.size == (20, 40)
    assert dict(kept.getexif()) == {}
    assert kept.getexif().get_ifd(ExifTags.IFD.GPSInfo) == {}
    assert not {"exif", "xmp", "comment", "icc_profile", "photoshop"} & kept.info.keys()
    for secret in (b"Exif", b"PhoneMaker", b"SN-123456", b"GPSLatitude", b"Almaty", b"xmpmeta"):
        assert secret not in cleaned.data


def test_a_pngs_text_chunks_and_exif_are_dropped_and_its_transparency_kept():
    cleaned = clean(images.png_with_text())
    kept = opened(cleaned.data)
    assert kept.mode == "RGBA" and kept.getpixel((1, 1)) == (0, 0, 255, 128)
    assert dict(kept.getexif()) == {} and kept.info.keys() <= {"dpi"}
    for chunk in (b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"43.2553N"):
        assert chunk not in cleaned.data


@pytest.mark.parametrize("data", [images.SVG, images.gif(), b"Just a text file, named chart.png\n",
                                  b"%PDF-1.7\n", b""], ids=["svg", "gif", "text", "pdf", "empty"])
def test_anything_but_png_or_jpeg_is_refused_by_its_content(data):
    with pytest.raises(Refused, match="Only PNG and JPEG"):
        clean(data)


@pytest.mark.parametrize("accepting", [False, True])
def test_a_cut_short_image_is_refused_as_damaged(monkeypatch, accepting):
    """Even once WeasyPrint has told Pillow to accept files cut short (it does on import), and that is put back."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", accepting)
    for cut in (images.png(200, 200)[:60], images.photo(400, 300)[:-200]):
        with pytest.raises(Refused, match="damaged"):
            clean(cut)
    assert ImageFile.LOAD_TRUNCATED_IMAGES is accepting


def test_too_many_pixels_are_refused_before_decoding():
    with pytest.raises(Refused, match=r"too many pixels \(9000 × 6000\): at most 40 megapixels"):
        clean(images.claimed_size(9000, 6000))  # 54 megapixels; the file itself is tiny
    with pytest.raises(Refused, match="too many pixels"):
        clean(images.png(100, 100), max_pixels=5000)


def test_a_decompression_bomb_is_refused():
    """Past twice Pillow's own limit, Pillow refuses to open it at all (DecompressionBombError)."""
    with pytest.raises(Refused, match="too many pixels"):
        clean(images.claimed_size(20000, 20000))
