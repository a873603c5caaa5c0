"""Compare the Java augmentation with keras-preprocessing's affine transform, recomputed with SciPy.

Reads in.npy, out.npy and params.csv written by KerasCrossCheck and prints, for both centre conventions of
keras-preprocessing, the largest absolute difference between the Java output and SciPy's
ndimage.affine_transform(order=1, mode='nearest') applied to the matrix that keras-preprocessing builds:
offset(centre) @ rotation @ shift @ offset(-centre), then a column flip. Needs numpy and scipy.
"""
import sys

import numpy as np
from scipy import ndimage


def keras_transform(image, degrees, row_shift, column_shift, flip, centre_offset):
    """Transform one channel-first image as keras-preprocessing does, with centre = size / 2 + centre_offset."""
    theta = np.deg2rad(degrees)
    rotation = np.array([[np.cos(theta), -np.sin(theta), 0], [np.sin(theta), np.cos(theta), 0], [0, 0, 1]])
    shift = np.array([[1, 0, row_shift], [0, 1, column_shift], [0, 0, 1]])
    centre_row = image.shape[1] / 2 + centre_offset
    centre_column = image.shape[2] / 2 + centre_offset
    to_centre = np.array([[1, 0, centre_row], [0, 1, centre_column], [0, 0, 1]])
    from_centre = np.array([[1, 0, -centre_row], [0, 1, -centre_column], [0, 0, 1]])
    matrix = to_centre @ rotation @ shift @ from_centre
    channels = [ndimage.affine_transform(channel, matrix[:2, :2], matrix[:2, 2], order=1, mode='nearest')
                for channel in image]
    result = np.stack(channels)
    return result[:, :, ::-1] if flip else result


def main(folder):
    images = np.load(f'{folder}/in.npy').reshape(-1, 3, 32, 32).astype(np.float64)
    augmented = np.load(f'{folder}/out.npy').reshape(-1, 3, 32, 32)
    parameters = np.loadtxt(f'{folder}/params.csv', delimiter=',', skiprows=1)
    for offset, name in [(-0.5, 'centre 15.5, current keras-preprocessing'), (0.5, 'centre 16.5, release 1.1.2')]:
        worst = max(float(np.max(np.abs(keras_transform(image, *row[:3], row[3] > 0, offset) - result)))
                    for image, result, row in zip(images, augmented, parameters))
        print(f'{name}: max |keras - java| over {len(images)} images = {worst:.3g}')


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'target/keras-cross-check')
