namespace IsoDienTu.Engine.Calendar;

/// <summary>How a dossier reached the one-stop unit: in person, by public postal service, or online via DVCQG.</summary>
public enum ReceptionChannel
{
    Direct,
    Post,
    Online,
}
