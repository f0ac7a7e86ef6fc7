package dev.troupe.examples.iot;

/**
 * The shape of a fleet: devices {@code 0..devices-1} fill buildings of {@code devicesPerBuilding} in order, and
 * buildings fill regions of {@code buildingsPerRegion}; the last building and region may be partly filled.
 * Pure arithmetic, immutable, safe from any thread. Ids out of range are the caller's to check.
 */
public record FleetLayout(int devices, int devicesPerBuilding, int buildingsPerRegion) {

    public int buildings() {
        return ceilDiv(devices, devicesPerBuilding);
    }

    public int regions() {
        return ceilDiv(buildings(), buildingsPerRegion);
    }

    public boolean isDevice(int deviceId) {
        return deviceId >= 0 && deviceId < devices;
    }

    public int buildingOf(int deviceId) {
        return deviceId / devicesPerBuilding;
    }

    public int regionOf(int building) {
        return building / buildingsPerRegion;
    }

    public int firstDevice(int building) {
        return building * devicesPerBuilding;
    }

    public int devicesIn(int building) {
        return Math.min(devicesPerBuilding, devices - firstDevice(building));
    }

    public int firstBuilding(int region) {
        return region * buildingsPerRegion;
    }

    public int buildingsIn(int region) {
        return Math.min(buildingsPerRegion, buildings() - firstBuilding(region));
    }

    public int devicesInRegion(int region) {
        int first = firstBuilding(region);
        int last = first + buildingsIn(region) - 1;
        return firstDevice(last) + devicesIn(last) - firstDevice(first);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
