namespace Groundwork.Pledges;

/// One signer as the resolver sees it: a unit (or none) and a condition ("at least N others [in my unit]"), no identity.
public readonly record struct SignerCondition(int? UnitId, int? AtLeastOthers, ConditionScope Scope);

/// The largest group of signers in which every member's condition holds: remove those whose condition fails, repeat
/// until stable. Conditions are monotone (more signers never break one), so that fixed point is the greatest stable
/// group, and it is found in O(n log n): each list of conditional signers is sorted by how many others they need,
/// highest first, and a removal only re-checks the heads of the lists whose count it lowered.
public static class ConditionResolver
{
    /// Which signers stay in (true) and how many.
    public static (bool[] Stays, int Count) Resolve(IReadOnlyList<SignerCondition> signers)
    {
        var n = signers.Count;
        var stays = new bool[n];
        Array.Fill(stays, true);
        var total = n;
        var unitCounts = new Dictionary<int, int>();
        foreach (var s in signers)
            if (s.UnitId is { } u) unitCounts[u] = unitCounts.GetValueOrDefault(u) + 1;

        // List 0: conditions on the whole pledge; one list per unit for conditions on the unit.
        var pledgeList = new List<int>();
        var unitLists = new Dictionary<int, List<int>>();
        for (var i = 0; i < n; i++)
        {
            var s = signers[i];
            if (s.AtLeastOthers is not > 0) continue;
            if (s.Scope == ConditionScope.Unit && s.UnitId is { } u)
            {
                if (!unitLists.TryGetValue(u, out var l)) unitLists[u] = l = [];
                l.Add(i);
            }
            else pledgeList.Add(i);
        }
        int Need(int i) => signers[i].AtLeastOthers!.Value;
        pledgeList.Sort((a, b) => Need(b).CompareTo(Need(a)));
        foreach (var l in unitLists.Values) l.Sort((a, b) => Need(b).CompareTo(Need(a)));

        var pledgeHead = 0;
        var unitHeads = new Dictionary<int, int>();
        var dirtyUnits = new Queue<int>();
        var pledgeDirty = true;
        foreach (var u in unitLists.Keys) dirtyUnits.Enqueue(u);

        void Remove(int i)
        {
            if (!stays[i]) return;
            stays[i] = false;
            total--;
            pledgeDirty = true;
            if (signers[i].UnitId is { } u)
            {
                unitCounts[u]--;
                if (unitLists.ContainsKey(u)) dirtyUnits.Enqueue(u);
            }
        }

        while (pledgeDirty || dirtyUnits.Count > 0)
        {
            if (pledgeDirty)
            {
                pledgeDirty = false;
                // Heads need the most others; while the head's need exceeds what the group offers, it leaves.
                while (pledgeHead < pledgeList.Count && (!stays[pledgeList[pledgeHead]] || Need(pledgeList[pledgeHead]) > total - 1))
                    Remove(pledgeList[pledgeHead++]);
            }
            while (dirtyUnits.Count > 0)
            {
                var u = dirtyUnits.Dequeue();
                var list = unitLists[u];
                var head = unitHeads.GetValueOrDefault(u);
                while (head < list.Count && (!stays[list[head]] || Need(list[head]) > unitCounts[u] - 1))
                    Remove(list[head++]);
                unitHeads[u] = head;
            }
        }
        return (stays, total);
    }
}
